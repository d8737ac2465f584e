#!/usr/bin/env python3
# Regenerates this edition from seeds/000 and seeds/001: joins the printed
# column lines into paragraphs (a line ending a sentence short of the column,
# or followed by 一是/二是…, ends a paragraph).  Run: python3 make-from-seeds.py
import re, sys, os
ROOT=os.path.abspath(os.path.join(os.path.dirname(__file__), '../../..'))
lines=[l.rstrip('\n') for l in open(ROOT+'/seeds/000_16461028abd987dc.txt') if l.strip()]
def L(a,b): return [lines[i-1].strip() for i in range(a,b+1)]
def vlen(s):
    s=re.sub(r'\s','',s)
    return sum(0.5 if ord(c)<128 else 1 for c in s)
def clean(s):
    s=re.sub(r'(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])','',s)
    s=re.sub(r'(?<=[^\x00-\x7f])\s+(?=[\x00-\x7f])','',s)
    s=re.sub(r'(?<=[\x00-\x7f])\s+(?=[^\x00-\x7f])','',s)
    s=s.replace(',', '，') if False else s
    return s
def paras(ls):
    mx=sorted(vlen(l) for l in ls)[len(ls)*3//4]
    out=[];cur=''
    for i,l in enumerate(ls):
        cur+=l
        nxt=ls[i+1] if i+1<len(ls) else ''
        if re.search(r'[。！？”：]$',l) and (vlen(l) < mx-1.5 or re.match(r'[一二三四五六]是|近年来|为此|王志强建议|武永刚建议',nxt)):
            out.append(clean(cur)); cur=''
    if cur: out.append(clean(cur))
    return out
def art(name, front, ls, strip_byline=None, note=None):
    ps=paras(ls)
    if strip_byline:
        ps[-1]=ps[-1].replace(strip_byline.replace(' ',''),'').replace(strip_byline,'').rstrip()
    body=('> '+note+'\n\n' if note else '')+'\n\n'.join(ps)+'\n'
    fm='---\n'+''.join(f'{k}: {v}\n' for k,v in front.items())+'---\n'
    open(ROOT+f'/tests/editions/full/{name}.md','w').write(fm+body)
    print(name, sum(len(p) for p in ps), 'chars', len(ps), 'paras')
import os; os.makedirs(ROOT+'/tests/editions/full',exist_ok=True)
art('tech-transfer',{'title':'点燃新质生产力发展“新引擎”','kicker':'加快科技成果转化','byline':'记者 罗丽 整理','lead':'true','priority':2},L(1,48),'记者 罗丽 整理')
art('natural-gas',{'title':'让“吕气吕用”真正造福吕梁人民','kicker':'协调推进非常规天然气产业发展','byline':'记者 张娟娟 整理'},L(55,97),'记者 张娟娟 整理')
art('medical-park',{'title':'推进医疗园区高效融合 提升公共卫生服务能力','byline':'记者 刘少伟 整理'},L(179,225),'记者 刘少伟 整理')
art('basic-education',{'title':'扎实推进我市基础教育扩优提质','byline':'记者 刘丽霞 整理'},L(227,270),'记者 刘丽霞 整理')
art('rural-tourism',{'title':'让100个乡村旅游重点村火起来','kicker':'坚持“百花齐放”推动“百家争鸣”','byline':'记者 李亚芝 整理'},L(275,315))
art('committee-voices',{'title':'委员热议促发展','vertical_title':'true'},L(102,178),note='两会花絮')
art('hotel-service',{'title':'用暖心细心护航“两会”','byline':'□ 本报记者 康桂芳'},L(317,344))

# improved paragraph split for seed 000 is applied above via paras(); seed 001 lines are paragraphs
l1=[l.strip() for l in open(ROOT+'/seeds/001_4f12a0768dd3e9cf.txt') if l.strip()]
def S(a,b): return [l1[i-1] for i in range(a,b+1)]
def art1(name, front, ps, dateline=None, extra=''):
    if dateline:
        ps=list(ps); assert ps[0].startswith(dateline); ps[0]=ps[0][len(dateline):]
        front=dict(front); front['dateline']=dateline
    fm='---\n'+''.join(f'{k}: {v}\n' for k,v in front.items())+'---\n'
    open(ROOT+f'/tests/editions/full/{name}.md','w').write(fm+'\n\n'.join(ps)+'\n'+extra)
    print(name, sum(len(p) for p in ps))
art1('digital-economy',{'title':'激活“数谷”动能，让吕梁数字经济加速跑','byline':'记者 康桂芳 整理','lead':'true'},S(5,7))
art1('public-assets',{'title':'健全“公物仓”体系,让“沉睡”资产变发展“活水”','byline':'记者 韩笑 整理'},S(11,13))
art1('aluminium',{'title':'着力打造千亿级铝镁产业集群','byline':'记者 王雅妮 整理'},S(17,19))
art1('agri-processing',{'title':'加快推动农产品加工业驶向“精深赛道”','byline':'记者 韩笑 整理'},S(23,25))
art1('after-school',{'title':'课后时光里的成长答卷','subtitle':'——中阳二中课后延时服务赋能学生全面成长小记','byline':'□ 本报记者 刘华'},S(30,41))
art1('ivf',{'title':'我市辅助生殖技术“零突破”','kicker':'山西省汾阳医院获批开展“试管婴儿”技术'},S(44,46),'本报讯(记者 张娟娟)')
art1('medical-resources',{'title':'我市优质医疗资源再下沉','kicker':'吕梁市第一人民医院与武警特色医学中心签约合作'},S(49,51),'本报讯(记者 李江姗)',
     '\n![%s](<> "%s")\n' % (l1[51], l1[52]))
open(ROOT+'/tests/editions/full/edition.yaml','w').write('''# A bigger hand-made clean edition: seed 000 (pages 1-2) and seed 001 (page 3)
# of 吕梁日报, line wrapping of the printed columns removed.  Enough text to
# fill a broadsheet page and continue an article on a later page.
paper: 吕梁日报
date: 2025-02-18
issue: "7612"
publisher: 中共吕梁市委
language: zh-CN
layout: broadsheet
pages:
  - section: 要闻
    articles:
      - tech-transfer.md
      - natural-gas.md
      - medical-park.md
      - basic-education.md
      - rural-tourism.md
  - section: 两会专版
    articles:
      - committee-voices.md
      - hotel-service.md
  - section: 建言献策
    articles:
      - digital-economy.md
      - public-assets.md
      - aluminium.md
      - agri-processing.md
      - after-school.md
      - ivf.md
      - medical-resources.md
''')

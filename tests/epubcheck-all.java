// epubcheck-all.java — checks every EPUB named on the command line in one
// Java VM (starting a VM and loading epubcheck's schemas costs far more
// than checking one small EPUB).  For each file it prints epubcheck's
// messages, then one line "PATH: N fatals / N errors / N warnings".
// Exit status 0 when every file has none of them, 1 otherwise.
//   java -cp /usr/share/java/epubcheck.jar tests/epubcheck-all.java A.epub B.epub…
// (Java's source-file mode: no compiler run needed beforehand), as
// tests/epubcheck-all.sh runs it.

import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

public class EpubcheckAll {
  public static void main(String[] args) {
    int bad = 0;
    for (String path : args) {
      DefaultReportImpl report = new DefaultReportImpl(path);
      new EpubCheck(new File(path), report).doValidate();
      int fatals = report.getFatalErrorCount();
      int errors = report.getErrorCount();
      int warnings = report.getWarningCount();
      System.out.printf("%s: %d fatals / %d errors / %d warnings%n", path, fatals, errors, warnings);
      if (fatals + errors + warnings > 0)
        bad++;
    }
    System.exit(bad == 0 ? 0 : 1);
  }
}

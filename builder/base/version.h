/* version.h — the builder's version, recorded in PDFs, EPUBs and manifests. */
#pragma once
#define EPAPER_VERSION "0.1.0"

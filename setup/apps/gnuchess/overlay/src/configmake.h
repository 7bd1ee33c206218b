/*
 * wasmlab: stands in for the configmake.h that GNU Chess's build generates. The engine's
 * book.cpp takes the opening-book folder from it; the benchmark turns the book off (OwnBook
 * false), so the path is never opened. Debian's value, for reference.
 */
#define PKGDATADIR "/usr/share/games/gnuchess"

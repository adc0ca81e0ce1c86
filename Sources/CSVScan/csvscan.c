// The C target needs a source file; the scanner is all in the header, inlined where it is called.

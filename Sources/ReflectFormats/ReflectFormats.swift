// ReflectFormats: text, JSON, CSV, codebook and HTML output, and CSV input.

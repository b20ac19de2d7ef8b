"""Tables and files made from finished results: allocation files, analysis reports."""

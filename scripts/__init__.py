"""The data package's code; README.md "Layout" says where each job lives.

Top level: what every part shares (registry of tables, context, schemas, errors, YAML
reader, countries, dates, quotes, article body, cache, parallel map). Subpackages:
build/ (the stages `make` runs), mentions/ (the country-mention detector), curator/
(draft and extract, tools for curators), bench/ (`make bench`).
"""

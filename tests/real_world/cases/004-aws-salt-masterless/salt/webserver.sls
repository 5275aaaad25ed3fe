httpd:
  pkg:
    - installed

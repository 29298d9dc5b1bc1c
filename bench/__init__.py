"""Load and Lighthouse measurements of the site; see bench/README.md."""

"""The deployment files (nginx, error pages) and the local multi-node cluster."""

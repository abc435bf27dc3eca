"""kyzmat-kb: rules-as-data compliance knowledge base for Kyrgyz civil and municipal service."""

__version__ = "0.1.0"

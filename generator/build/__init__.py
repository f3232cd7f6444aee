"""The build: the MkDocs adapter, parallel and incremental work, the post-build pass, the swap."""

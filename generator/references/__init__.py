"""References: the bibliography, its APA 7 rendering, its rules and its exports."""

"""Stage 7, the index: Pagefind over one search record per guide, and pinyin for
sorting and finding.
"""

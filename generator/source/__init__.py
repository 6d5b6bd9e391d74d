"""Stage 1, the source: find the guide files of a tree and read YAML with a position
for every node.
"""

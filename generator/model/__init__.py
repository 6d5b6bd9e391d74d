"""Stage 3, the model: frozen dataclasses (types) and the catalogue built from
validated data. No I/O.
"""

//! Pure algorithms for numbers, text, hashing and formatting (no heap objects).

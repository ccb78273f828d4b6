"""Generated Danish content at the size of a national network, for benchmarks."""

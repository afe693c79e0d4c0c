"""Rings of doubly linked Node instances: build 100 rings, drop them, collect explicitly.

Automatic collection is disabled, so every cycle is reclaimed by the explicit gc.collect().
"""
import gc

ROUNDS = 55
RINGS = 100
RING_SIZE = 300


class Node:
    def __init__(self, val):
        self.val = val
        self.next = None
        self.prev = None


def make_ring(n, base):
    first = Node(base)
    prev = first
    for i in range(1, n):
        node = Node(base + i)
        node.prev = prev
        prev.next = node
        prev = node
    prev.next = first
    first.prev = prev
    return first


def main():
    gc.collect()
    gc.disable()
    collected = 0
    checksum = 0
    for r in range(ROUNDS):
        rings = [make_ring(RING_SIZE, k * r) for k in range(RINGS)]
        for ring in rings:
            checksum += ring.prev.val - ring.next.val
        del rings, ring
        collected += gc.collect()
    gc.enable()
    print("gc_collect", ROUNDS, RINGS, RING_SIZE, "checksum", checksum, "collected", collected)


main()

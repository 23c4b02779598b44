package search

import (
	"encoding/binary"
	"errors"
)

// Posting lists are stored in blocks: search_blocks holds, per term, rows
// (term, lo, data), each with a run of the list. A list is ordered by rank,
// highest first; the rank of a document's posting is its bucket and then
// its number n (newer documents have higher numbers), so reading a list
// from the top gives the strongest and newest documents first. A block
// holds the ranks from its lo up to the next block's lo; the top block
// holds everything above its lo.

// rankOf packs a bucket and a document number.
func rankOf(bucket uint8, n uint32) int64 { return int64(bucket)<<40 | int64(n) }

// unrank splits a rank.
func unrank(r int64) (uint8, uint32) { return uint8(r >> 40), uint32(r & (1<<40 - 1)) }

// Blocks are split when they grow beyond maxBlock entries: large enough
// that a long list is few rows, small enough that changing one posting
// rewrites little.
const maxBlock = 512

// encodeBlock writes ranks (descending) as uvarints: the first as bucket
// and n; each further one as 2*(previous n - n) when the bucket is the
// same, else as 1+2*bucket followed by n.
func encodeBlock(ranks []int64) []byte {
	buf := make([]byte, 0, 2+len(ranks)*3)
	buf = binary.AppendUvarint(buf, uint64(len(ranks)))
	var pb uint8
	var pn uint32
	for i, r := range ranks {
		b, n := unrank(r)
		switch {
		case i == 0:
			buf = binary.AppendUvarint(buf, uint64(b))
			buf = binary.AppendUvarint(buf, uint64(n))
		case b == pb && n < pn:
			buf = binary.AppendUvarint(buf, 2*uint64(pn-n))
		default:
			buf = binary.AppendUvarint(buf, 1+2*uint64(b))
			buf = binary.AppendUvarint(buf, uint64(n))
		}
		pb, pn = b, n
	}
	return buf
}

var errBadBlock = errors.New("search: damaged posting block")

// decodeBlock calls fn for each entry of a block, highest rank first.
func decodeBlock(data []byte, fn func(bucket uint8, n uint32)) error {
	count, k := binary.Uvarint(data)
	if k <= 0 {
		return errBadBlock
	}
	data = data[k:]
	var b uint8
	var n uint32
	for i := uint64(0); i < count; i++ {
		v, k := binary.Uvarint(data)
		if k <= 0 {
			return errBadBlock
		}
		data = data[k:]
		if i == 0 || v&1 == 1 {
			if i == 0 {
				b = uint8(v)
			} else {
				b = uint8(v >> 1)
			}
			v, k = binary.Uvarint(data)
			if k <= 0 {
				return errBadBlock
			}
			data = data[k:]
			n = uint32(v)
		} else {
			n -= uint32(v >> 1)
		}
		fn(b, n)
	}
	return nil
}

// blockRanks decodes a block into ranks.
func blockRanks(data []byte) ([]int64, error) {
	var out []int64
	err := decodeBlock(data, func(b uint8, n uint32) { out = append(out, rankOf(b, n)) })
	return out, err
}

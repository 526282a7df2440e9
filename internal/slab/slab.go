// Package slab copies short slices into blocks of memory shared by many
// copies, so that a deep copy of a record costs an allocation per block
// rather than one per slice: the copies the storage layer hands out on
// every read ([storage.Collection.Get]) are made this way.
//
// A package keeps the blocks of its slices' element types in one struct,
// takes it from a [Pool] once per record copied, carves each slice's copy
// from it with [Copy], and puts it back:
//
//	var blocks slab.Pool[peerBlocks]
//
//	func (p Peer) Clone() Peer {
//		b := blocks.Get()
//		p.Languages = slab.Copy(&b.texts, p.Languages)
//		blocks.Put(b)
//		return p
//	}
//
// Every copy is its own: its capacity ends where its elements end, so an
// append to it reallocates instead of writing into a neighbour, and no two
// copies share an element. The price is memory, not safety: a block stays
// alive while any copy in it does, so a caller that keeps one copy keeps
// up to [BlockBytes] of memory alive with it.
package slab

import (
	"slices"
	"sync"
	"unsafe"
)

// BlockBytes is the size of a block, in bytes. Slices of more than a
// quarter of a block are copied on their own, as [slices.Clone] does.
const BlockBytes = 4096

// Copy returns a copy of s carved from *block, refilling *block with a
// new block when it has too little room: nil for nil, an empty slice
// without capacity for an empty one. The copy shares no element with s or
// with any other copy.
func Copy[E any](block *[]E, s []E) []E {
	n := len(s)
	if n == 0 {
		if s == nil {
			return nil
		}
		return []E{}
	}
	b := *block
	if len(b) < n {
		if b = refill[E](n); b == nil {
			return slices.Clone(s)
		}
	}
	out := b[:n:n]
	*block = b[n:]
	copy(out, s)
	return out
}

// refill returns a new block with room for n elements, or nil when n
// elements are more than a quarter of a block.
func refill[E any](n int) []E {
	perBlock := max(16, BlockBytes/max(1, int(unsafe.Sizeof(*new(E)))))
	if n > perBlock/4 {
		return nil
	}
	return make([]E, perBlock)
}

// Pool holds the blocks of a package, B being the struct of its blocks,
// one field per element type. It is safe for concurrent use: each
// goroutine takes a B of its own, from a [sync.Pool], so copies made on
// different cores never contend. The zero Pool is ready for use.
type Pool[B any] struct{ pool sync.Pool }

// Get returns a B no other goroutine holds until it is [Pool.Put] back.
func (p *Pool[B]) Get() *B {
	if b, ok := p.pool.Get().(*B); ok {
		return b
	}
	return new(B)
}

// Put hands b back for the next copy. Do not use b after.
func (p *Pool[B]) Put(b *B) {
	if b != nil {
		p.pool.Put(b)
	}
}

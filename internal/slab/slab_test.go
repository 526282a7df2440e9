package slab_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/internal/slab"
)

func TestCopy(t *testing.T) {
	var block []string
	assert.Nil(t, slab.Copy(&block, nil), "nil stays nil")
	empty := slab.Copy(&block, []string{})
	assert.NotNil(t, empty)
	assert.Empty(t, empty)

	src := []string{"a", "b"}
	a := slab.Copy(&block, src)
	b := slab.Copy(&block, src)
	require.Equal(t, src, a)
	assert.Equal(t, 2, cap(a), "a copy's capacity ends with it")
	a[0] = "changed"
	assert.Equal(t, "a", src[0], "the source is not shared")
	assert.Equal(t, "a", b[0], "neighbours in a block are not shared")
	a = append(a, "c")
	assert.Equal(t, []string{"changed", "b", "c"}, a)
	assert.Equal(t, []string{"a", "b"}, b, "an append reallocates rather than writing into the neighbour")

	long := make([]string, slab.BlockBytes) // more than a quarter of a block
	c := slab.Copy(&block, long)
	assert.Len(t, c, len(long))
	c[0] = "x"
	assert.Empty(t, long[0])
}

func TestPoolConcurrent(t *testing.T) {
	type blocks struct{ ints []int }
	var pool slab.Pool[blocks]
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 2000 {
				b := pool.Get()
				out := slab.Copy(&b.ints, []int{g, i, g + i})
				pool.Put(b)
				if out[0] != g || out[1] != i || out[2] != g+i {
					t.Errorf("goroutine %d, copy %d: %v", g, i, out)
					return
				}
			}
		})
	}
	wg.Wait()
	pool.Put(nil) // ignored
}

func ExampleCopy() {
	type blocks struct{ names []string }
	var pool slab.Pool[blocks]

	b := pool.Get()
	langs := slab.Copy(&b.names, []string{"en", "es"})
	pool.Put(b)

	langs[0] = "fr" // the copy is the caller's own
	fmt.Println(langs, len(langs), cap(langs))
	// Output: [fr es] 2 2
}

package account

import (
	"runtime"
	"sync"
	"testing"
)

// TestPasswordChecksWaitForAFreeCore: a burst of logins runs at most one
// argon2id computation per core at a time (each takes 19 MiB), and every
// check still gets its right answer.
func TestPasswordChecksWaitForAFreeCore(t *testing.T) {
	hash := HashPassword("richtig")
	peakHashes.Store(0)
	var wg sync.WaitGroup
	wrong := make(chan string, 24)
	for i := range 24 {
		wg.Go(func() {
			pw := "richtig"
			if i%2 == 1 {
				pw = "falsch"
			}
			if CheckPassword(hash, pw) != (i%2 == 0) {
				wrong <- pw
			}
		})
	}
	wg.Wait()
	close(wrong)
	for pw := range wrong {
		t.Errorf("CheckPassword(%q) gave the wrong answer", pw)
	}
	if peak, cores := int(peakHashes.Load()), runtime.GOMAXPROCS(0); peak > cores || peak < 1 {
		t.Errorf("%d computations ran at once on %d cores", peak, cores)
	}
}

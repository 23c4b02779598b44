package loadgen

import (
	"math/rand/v2"
	"regexp"
	"sync"
)

const uuidPattern = `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`

var (
	listingLink      = regexp.MustCompile(`/listings/(` + uuidPattern + `)`)
	organizationLink = regexp.MustCompile(`/organizations/(` + uuidPattern + `)`)
	pledgeLink       = regexp.MustCompile(`/pledges/(` + uuidPattern + `)`)
	conversationLink = regexp.MustCompile(`/conversations/(` + uuidPattern + `)`)
	listingCreated   = regexp.MustCompile(`^/listings/(` + uuidPattern + `)(?:[?#].*)?$`)
)

// catalogCap bounds each list; beyond it a random old entry makes room.
const catalogCap = 5000

// catalog is what the people have seen of the site: the ids they found in
// pages and the listings members posted (with who posted them), shared so
// that members respond to each other.
type catalog struct {
	mu       sync.Mutex
	listings idSet
	posted   idSet             // listings posted during the run
	poster   map[string]string // posted listing → e-mail of its poster
	orgs     idSet
	pledges  idSet
}

func newCatalog() *catalog {
	return &catalog{listings: newIDSet(), posted: newIDSet(), poster: map[string]string{}, orgs: newIDSet(), pledges: newIDSet()}
}

// idSet is a set that can also pick a random member.
type idSet struct {
	list  []string
	index map[string]int
}

func newIDSet() idSet { return idSet{index: map[string]int{}} }

func (s *idSet) add(rng *rand.Rand, id string) {
	if _, ok := s.index[id]; ok {
		return
	}
	if len(s.list) >= catalogCap {
		i := rng.IntN(len(s.list))
		delete(s.index, s.list[i])
		s.list[i] = id
		s.index[id] = i
		return
	}
	s.index[id] = len(s.list)
	s.list = append(s.list, id)
}

func (s *idSet) pick(rng *rand.Rand) string {
	if len(s.list) == 0 {
		return ""
	}
	return s.list[rng.IntN(len(s.list))]
}

// learn adds the ids the pattern finds in a page to the set.
func (c *catalog) learn(rng *rand.Rand, set *idSet, re *regexp.Regexp, page []byte) {
	found := re.FindAllSubmatch(page, 50)
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, m := range found {
		set.add(rng, string(m[1]))
	}
}

func (c *catalog) addPosted(rng *rand.Rand, id, email string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.listings.add(rng, id)
	c.posted.add(rng, id)
	c.poster[id] = email
}

// pickListing chooses a listing to look at or respond to; fromMembers
// prefers those posted during the run, whose posters will answer.
func (c *catalog) pickListing(rng *rand.Rand, fromMembers bool) (id, poster string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if fromMembers && len(c.posted.list) > 0 {
		id = c.posted.pick(rng)
	} else {
		id = c.listings.pick(rng)
	}
	return id, c.poster[id]
}

func (c *catalog) pick(rng *rand.Rand, set *idSet) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return set.pick(rng)
}

package coop

import "math/big"

// Choice is what a vote says.
type Choice string

const (
	Yes     Choice = "yes"
	No      Choice = "no"
	Abstain Choice = "abstain"
)

// Ballot is one counted vote: its choice, how many votes it carries, and
// whether an investing member cast it.
type Ballot struct {
	Choice    Choice
	Weight    int
	Investing bool
}

// Count is what a motion is counted against.
type Count struct {
	Majority      Majority
	QuorumPercent int // of Members present or represented; 0: none
	Members       int // members on the day
	Present       int // members present or represented
}

// Tally is a counted motion. Abstentions and invalid votes are not votes
// cast. Investing members' votes are counted at most at a third of the
// other members' votes cast, so they never outvote the other members nor
// block a resolution needing three quarters (§ 8 (2) Satz 2).
type Tally struct {
	Yes, No, Abstain int      // votes as cast (weights added)
	EffYes, EffNo    *big.Rat // as counted, investing members' votes capped
	Capped           bool     // investing members' votes were capped
	QuorumMet        bool
	Adopted          bool
}

// Counted counts ballots.
func Counted(c Count, ballots []Ballot) Tally {
	var oy, on, iy, in int64
	t := Tally{}
	for _, b := range ballots {
		w := int64(b.Weight)
		switch b.Choice {
		case Yes:
			t.Yes += b.Weight
			if b.Investing {
				iy += w
			} else {
				oy += w
			}
		case No:
			t.No += b.Weight
			if b.Investing {
				in += w
			} else {
				on += w
			}
		case Abstain:
			t.Abstain += b.Weight
		}
	}
	// Investing votes count with factor k = min(1, (others cast / 3) / investing cast).
	k := big.NewRat(1, 1)
	if inv := iy + in; inv > 0 {
		others := oy + on
		if 3*inv > others {
			k = big.NewRat(others, 3*inv)
			t.Capped = true
		}
	}
	scaled := func(ordinary, investing int64) *big.Rat {
		r := new(big.Rat).Mul(big.NewRat(investing, 1), k)
		return r.Add(r, big.NewRat(ordinary, 1))
	}
	t.EffYes, t.EffNo = scaled(oy, iy), scaled(on, in)
	t.QuorumMet = c.QuorumPercent == 0 || c.Present*100 >= c.QuorumPercent*c.Members
	cast := new(big.Rat).Add(t.EffYes, t.EffNo)
	if !t.QuorumMet || cast.Sign() == 0 {
		return t
	}
	var need *big.Rat
	switch c.Majority {
	case TwoThirds:
		need = new(big.Rat).Mul(cast, big.NewRat(2, 3))
	case ThreeQuarters:
		need = new(big.Rat).Mul(cast, big.NewRat(3, 4))
	default:
		t.Adopted = t.EffYes.Cmp(t.EffNo) > 0
		return t
	}
	t.Adopted = t.EffYes.Cmp(need) >= 0
	return t
}

// voteWeight is how many votes a member casts on a kind of resolution:
// the votes the statutes grant them, one where the law allows no more
// (§ 43 (3)).
func voteWeight(c *Coop, votes int, k ResolutionKind) int {
	if k.singleVote() || votes < 1 {
		return 1
	}
	if votes > c.MultipleVotes {
		votes = c.MultipleVotes
	}
	if votes > 3 {
		votes = 3
	}
	return votes
}

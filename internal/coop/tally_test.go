package coop

import "testing"

func ballots(choice Choice, n, weight int, investing bool) []Ballot {
	out := make([]Ballot, n)
	for i := range out {
		out[i] = Ballot{Choice: choice, Weight: weight, Investing: investing}
	}
	return out
}

func join(bs ...[]Ballot) []Ballot {
	var out []Ballot
	for _, b := range bs {
		out = append(out, b...)
	}
	return out
}

func TestCountingRules(t *testing.T) {
	all := Count{Members: 10, Present: 10}
	with := func(m Majority, q int, present int) Count {
		return Count{Majority: m, QuorumPercent: q, Members: 10, Present: present}
	}
	for _, tc := range []struct {
		name    string
		count   Count
		ballots []Ballot
		adopted bool
		quorum  bool
		capped  bool
	}{
		{"simple: more yes than no", with(Simple, 0, 10), join(ballots(Yes, 3, 1, false), ballots(No, 2, 1, false)), true, true, false},
		{"simple: a tie is rejected", with(Simple, 0, 10), join(ballots(Yes, 2, 1, false), ballots(No, 2, 1, false)), false, true, false},
		{"abstentions are not votes cast", with(Simple, 0, 10), join(ballots(Yes, 1, 1, false), ballots(Abstain, 5, 1, false)), true, true, false},
		{"only abstentions adopt nothing", with(Simple, 0, 10), ballots(Abstain, 4, 1, false), false, true, false},
		{"no ballots adopt nothing", all, nil, false, true, false},
		{"two thirds reached exactly", with(TwoThirds, 0, 10), join(ballots(Yes, 4, 1, false), ballots(No, 2, 1, false), ballots(Abstain, 3, 1, false)), true, true, false},
		{"two thirds missed", with(TwoThirds, 0, 10), join(ballots(Yes, 3, 1, false), ballots(No, 2, 1, false)), false, true, false},
		{"three quarters reached exactly", with(ThreeQuarters, 0, 10), join(ballots(Yes, 3, 1, false), ballots(No, 1, 1, false)), true, true, false},
		{"three quarters missed", with(ThreeQuarters, 0, 10), join(ballots(Yes, 5, 1, false), ballots(No, 2, 1, false)), false, true, false},
		{"quorum met", with(Simple, 50, 5), ballots(Yes, 5, 1, false), true, true, false},
		{"quorum missed", with(Simple, 50, 4), ballots(Yes, 4, 1, false), false, false, false},
		{"multiple votes weigh", with(Simple, 0, 10), join(ballots(Yes, 1, 3, false), ballots(No, 2, 1, false)), true, true, false},
		{"investing members do not outvote the others", with(Simple, 0, 10),
			join(ballots(Yes, 2, 1, false), ballots(No, 5, 1, true)), true, true, true},
		{"investing members do not block three quarters", with(ThreeQuarters, 0, 10),
			join(ballots(Yes, 3, 1, false), ballots(No, 3, 1, true)), true, true, true},
		{"investing members below the cap count fully", with(Simple, 0, 10),
			join(ballots(Yes, 3, 1, false), ballots(No, 4, 1, false), ballots(Yes, 2, 1, true)), true, true, false},
		{"investing votes alone adopt nothing", with(Simple, 0, 10), ballots(Yes, 3, 1, true), false, true, true},
	} {
		got := Counted(tc.count, tc.ballots)
		if got.Adopted != tc.adopted || got.QuorumMet != tc.quorum || got.Capped != tc.capped {
			t.Errorf("%s: adopted %v quorum %v capped %v, want %v %v %v (yes %s no %s)", tc.name, got.Adopted, got.QuorumMet,
				got.Capped, tc.adopted, tc.quorum, tc.capped, got.EffYes.RatString(), got.EffNo.RatString())
		}
	}
}

func TestVoteWeight(t *testing.T) {
	c := &Coop{Statutes: Statutes{MultipleVotes: 2}}
	for _, tc := range []struct {
		votes int
		kind  ResolutionKind
		want  int
	}{
		{3, Ordinary, 2},       // the statutes allow two
		{1, Ordinary, 1},       // one granted
		{2, Election, 2},       // elections may weigh
		{2, StatutesChange, 1}, // three quarters by law: one each (§ 43 (3))
		{2, Dissolution, 1},
		{2, MultipleVotes, 1}, // on multiple votes themselves: one each
	} {
		if got := voteWeight(c, tc.votes, tc.kind); got != tc.want {
			t.Errorf("%d votes on %s: %d, want %d", tc.votes, tc.kind, got, tc.want)
		}
	}
	c.MultipleVotes = 3
	if got := voteWeight(c, 5, Ordinary); got != 3 {
		t.Errorf("never more than three: %d", got)
	}
}

package network

import (
	"context"
	"math"
	"slices"
	"strings"

	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/text"
)

// Node is an organisation in the network drawing.
type Node struct {
	Number      int // shown in the circle and in the list beside it
	Org         *organization.Organization
	MSO         bool
	Established bool
	Partners    int // active partnerships it takes part in within the view
	X, Y        float64
	Color       string
}

// Edge joins two organisations that are partners; a partnership of three
// draws three edges.
type Edge struct {
	From, To *Node
	Count    int  // active partnerships between the two
	Bridge   bool // a migrant organisation with an established actor
}

// KindPair counts partnerships between organisations of two kinds.
type KindPair struct {
	A, B  string
	Count int
}

// Network is the cooperation network of a municipality, or of the whole
// platform when Municipality is nil: the organisations with a place there,
// and the active partnerships with at least two of them.
type Network struct {
	Municipality *directory.Municipality
	Nodes        []*Node
	Edges        []*Edge
	Partnerships int
	MSOs         int // migrant organisations in the view
	MSOsBridged  int // … with an active partnership with an established actor
	Isolated     []*Node
	Pairs        []KindPair
	Kinds        []string // kinds present, for the legend
	Size         float64  // the drawing is Size × Size
}

// NodeRadius is the radius of an organisation's circle in the drawing.
const NodeRadius = 16

// KindColors are the colours of the kinds: dark enough for white numbers
// (contrast at least 4.5:1) and apart from each other.
var KindColors = map[string]string{
	"volunteer_agency": "#0b5a8a", "migrant_organization": "#a3360d", "welfare_association": "#1d6b2f",
	"refugee_council": "#6a3d9a", "municipality": "#4a4a4a", "religious_community": "#5f5a00",
	"company": "#005f5f", "foundation": "#8a1c5a", "initiative": "#2f4f8f", "cooperative": "#556400",
	"education": "#7a4500", "other": "#333333",
}

// Network builds the network of a municipality ("" for all organisations).
func (m *Module) Network(ctx context.Context, ags string) (*Network, error) {
	n := &Network{}
	if ags != "" {
		mu, err := m.dir.Municipality(ctx, ags)
		if err != nil {
			return nil, err
		}
		n.Municipality = mu
	}
	profiles, err := m.profiles(ctx)
	if err != nil {
		return nil, err
	}
	var in []*profile
	for _, p := range profiles {
		if ags == "" || p.AGS[ags] {
			in = append(in, p)
		}
	}
	slices.SortStableFunc(in, func(a, b *profile) int {
		ka, kb := slices.Index(organization.Kinds, a.Org.Kind), slices.Index(organization.Kinds, b.Org.Kind)
		if ka != kb {
			return ka - kb
		}
		return strings.Compare(text.Fold(a.Org.Name), text.Fold(b.Org.Name))
	})
	byOrg := map[string]*Node{}
	for i, p := range in {
		node := &Node{Number: i + 1, Org: p.Org, MSO: p.Org.Kind == msoKind, Established: IsEstablished(p.Org.Kind),
			Color: KindColors[p.Org.Kind]}
		if node.Color == "" {
			node.Color = KindColors["other"]
		}
		n.Nodes = append(n.Nodes, node)
		byOrg[p.Org.ID] = node
		if node.MSO {
			n.MSOs++
		}
		if !slices.Contains(n.Kinds, p.Org.Kind) {
			n.Kinds = append(n.Kinds, p.Org.Kind)
		}
	}
	active, err := m.ActivePartnerships(ctx)
	if err != nil {
		return nil, err
	}
	edges := map[[2]int]*Edge{}
	bridged := map[string]bool{}
	pairs := map[[2]string]int{}
	for _, p := range active {
		var members []*Node
		for _, id := range p.OrgIDs() {
			if node := byOrg[id]; node != nil {
				members = append(members, node)
			}
		}
		if len(members) < 2 {
			continue
		}
		n.Partnerships++
		seenPairs := map[[2]string]bool{}
		for _, node := range members {
			node.Partners++
		}
		for i := 0; i < len(members); i++ {
			for j := i + 1; j < len(members); j++ {
				a, b := members[i], members[j]
				if a.Number > b.Number {
					a, b = b, a
				}
				key := [2]int{a.Number, b.Number}
				e := edges[key]
				if e == nil {
					e = &Edge{From: a, To: b, Bridge: a.MSO && b.Established || b.MSO && a.Established}
					edges[key] = e
					n.Edges = append(n.Edges, e)
				}
				e.Count++
				if e.Bridge {
					for _, x := range []*Node{a, b} {
						if x.MSO {
							bridged[x.Org.ID] = true
						}
					}
				}
				kp := [2]string{a.Org.Kind, b.Org.Kind}
				if slices.Index(organization.Kinds, kp[0]) > slices.Index(organization.Kinds, kp[1]) {
					kp[0], kp[1] = kp[1], kp[0]
				}
				if !seenPairs[kp] {
					seenPairs[kp] = true
					pairs[kp]++
				}
			}
		}
	}
	n.MSOsBridged = len(bridged)
	for _, node := range n.Nodes {
		if node.Partners == 0 {
			n.Isolated = append(n.Isolated, node)
		}
	}
	for kp, c := range pairs {
		n.Pairs = append(n.Pairs, KindPair{A: kp[0], B: kp[1], Count: c})
	}
	slices.SortFunc(n.Pairs, func(x, y KindPair) int {
		if x.Count != y.Count {
			return y.Count - x.Count
		}
		if c := slices.Index(organization.Kinds, x.A) - slices.Index(organization.Kinds, y.A); c != 0 {
			return c
		}
		return slices.Index(organization.Kinds, x.B) - slices.Index(organization.Kinds, y.B)
	})
	n.layout()
	return n, nil
}

// layout puts the organisations on a circle, grouped by kind, so the
// drawing needs no script and looks the same every time.
func (n *Network) layout() {
	count := len(n.Nodes)
	radius := math.Max(170, float64(count)*(2*NodeRadius+12)/(2*math.Pi))
	margin := float64(NodeRadius + 6)
	n.Size = 2 * (radius + margin)
	c := radius + margin
	for i, node := range n.Nodes {
		angle := 2*math.Pi*float64(i)/float64(max(count, 1)) - math.Pi/2
		node.X = math.Round((c+radius*math.Cos(angle))*10) / 10
		node.Y = math.Round((c+radius*math.Sin(angle))*10) / 10
	}
}

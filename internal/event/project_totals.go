package event

import (
	"context"
	"sort"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
)

// ProjectTotal is an approved project with its helpers counted.
type ProjectTotal struct {
	Project    *Project
	OrgName    string
	Registered int // places taken
	Waiting    int // places asked for in the waiting list
}

// Free is how many helpers the project still needs.
func (t ProjectTotal) Free() int { return max(t.Project.Capacity-t.Registered, 0) }

// Sum is the count of a group of projects: one organisation's or the day's.
type Sum struct {
	OrganizationID string
	Name           string
	Projects       int
	Capacity       int
	Registered     int
	Waiting        int
}

func (s *Sum) add(t ProjectTotal) {
	s.Projects++
	s.Capacity += t.Project.Capacity
	s.Registered += t.Registered
	s.Waiting += t.Waiting
}

// DayTotals are the figures of a volunteer day for its organisers.
type DayTotals struct {
	Day        *Event
	Projects   []ProjectTotal // approved ones, by start
	Orgs       []Sum          // by name
	All        Sum
	Volunteers int // different people holding a place
	Proposed   int // projects awaiting a decision
}

// Totals counts the day's approved projects per project, per organisation
// and for the day, for the day's organisers.
func (m *Module) Totals(ctx context.Context, actor *auth.Identity, eventID string) (*DayTotals, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	day, projects, err := m.Projects(ctx, actor, eventID)
	if err != nil {
		return nil, err
	}
	if !m.canManage(ctx, day, actor) {
		return nil, apperr.New(apperr.Forbidden, "project.not_organiser")
	}
	names, err := m.orgNames(ctx, projects)
	if err != nil {
		return nil, err
	}
	out := &DayTotals{Day: day}
	byOrg := map[string]*Sum{}
	people := map[string]bool{}
	for _, p := range projects {
		if p.Status == Proposed {
			out.Proposed++
		}
		if p.Status != Approved {
			continue
		}
		claims, err := capacity.List(ctx, m.s.DB, projectPool(p))
		if err != nil {
			return nil, err
		}
		t := ProjectTotal{Project: p, OrgName: names[p.OrganizationID]}
		for _, c := range claims {
			if c.Status == capacity.Registered {
				t.Registered += c.Places
				people[c.Holder] = true
			} else {
				t.Waiting += c.Places
			}
		}
		out.Projects = append(out.Projects, t)
		s := byOrg[p.OrganizationID]
		if s == nil {
			s = &Sum{OrganizationID: p.OrganizationID, Name: t.OrgName}
			byOrg[p.OrganizationID] = s
		}
		s.add(t)
		out.All.add(t)
	}
	for _, s := range byOrg {
		out.Orgs = append(out.Orgs, *s)
	}
	sort.Slice(out.Orgs, func(i, j int) bool { return out.Orgs[i].Name < out.Orgs[j].Name })
	out.Volunteers = len(people)
	return out, nil
}

// orgNames are the names of the projects' organisations, each read once.
func (m *Module) orgNames(ctx context.Context, projects []*Project) (map[string]string, error) {
	names := map[string]string{}
	for _, p := range projects {
		if _, ok := names[p.OrganizationID]; ok {
			continue
		}
		o, err := m.orgs.Get(ctx, p.OrganizationID)
		if err != nil {
			return nil, err
		}
		names[o.ID] = o.Name
	}
	return names, nil
}

package coordination

import (
	"fmt"
	"strings"
)

// Charts are drawn on the server as inline SVG: bars with their numbers
// written beside them, and lines told apart by dash and marker shape, so
// no chart needs colour to be read. Every chart's numbers are also in a
// table on the page.

const (
	barLabelWidth = 220 // room for the category's name
	barRoom       = 300 // the longest bar
	barHeight     = 22
	barGap        = 8
)

// barChart is a horizontal bar chart of labelled counts.
type barChart struct {
	ID            string // the element naming the chart
	Width, Height int
	Bars          []bar
}

type bar struct {
	Label, Value      string
	Y, W, TextY, EndX int
}

func barsOf(id string, labels []string, values []int, number func(int) string) barChart {
	most := 1
	for _, v := range values {
		most = max(most, v)
	}
	c := barChart{ID: id, Width: barLabelWidth + barRoom + 60}
	for i, v := range values {
		y := i * (barHeight + barGap)
		w := v * barRoom / most
		if v > 0 {
			w = max(w, 2)
		}
		c.Bars = append(c.Bars, bar{Label: labels[i], Value: number(v), Y: y, W: w, TextY: y + barHeight*3/4,
			EndX: barLabelWidth + w + 6})
	}
	c.Height = max(len(values)*(barHeight+barGap), barHeight)
	return c
}

// lineChart draws series of values over the weeks.
type lineChart struct {
	ID                                      string
	Width, Height, Left, Bottom, Top, Right int
	AxisY, AxisEnd, TickX, LabelY           int // the x axis's height and end, where y and x labels go
	Series                                  []series
	XTicks, YTicks                          []tick
}

type series struct {
	Name, Path, Dash string
	Square           bool // markers: squares, else circles
	Points           []point
}

type point struct {
	X, Y   float64
	SX, SY float64 // the corner of a square marker
	Label  string
}

type tick struct {
	Pos   float64
	Label string
}

// linesOf places each series' values (nil: no value that week) over
// len(xLabels) weeks; every fourth week is labelled.
func linesOf(id string, names []string, values [][]*float64, xLabels []string, number func(float64) string) lineChart {
	c := lineChart{ID: id, Width: 600, Height: 260, Left: 50, Right: 20, Top: 10, Bottom: 40}
	c.AxisY, c.AxisEnd, c.TickX, c.LabelY = c.Height-c.Bottom, c.Width-c.Right, c.Left-4, c.Height-20
	top := 1.0
	for _, s := range values {
		for _, v := range s {
			if v != nil {
				top = max(top, *v)
			}
		}
	}
	plotW := float64(c.Width - c.Left - c.Right)
	plotH := float64(c.Height - c.Top - c.Bottom)
	step := plotW / float64(max(len(xLabels)-1, 1))
	x := func(i int) float64 { return float64(c.Left) + float64(i)*step }
	y := func(v float64) float64 { return float64(c.Top) + plotH - v/top*plotH }
	for i, l := range xLabels {
		if i%4 == 0 || i == len(xLabels)-1 {
			c.XTicks = append(c.XTicks, tick{Pos: x(i), Label: l})
		}
	}
	for i := 0; i <= 4; i++ {
		v := top * float64(i) / 4
		c.YTicks = append(c.YTicks, tick{Pos: y(v), Label: number(v)})
	}
	dashes := []string{"", "6 4"}
	for si, s := range values {
		sr := series{Name: names[si], Dash: dashes[si%len(dashes)], Square: si%2 == 1}
		var path strings.Builder
		pen := "M"
		for i, v := range s {
			if v == nil {
				pen = "M" // a week without a value breaks the line
				continue
			}
			px, py := x(i), y(*v)
			fmt.Fprintf(&path, "%s%.1f %.1f ", pen, px, py)
			pen = "L"
			sr.Points = append(sr.Points, point{X: px, Y: py, SX: px - 4, SY: py - 4, Label: number(*v)})
		}
		sr.Path = strings.TrimSpace(path.String())
		c.Series = append(c.Series, sr)
	}
	return c
}

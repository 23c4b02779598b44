package search

import (
	"fmt"
	"math"

	"teilhabe.org/teilhabe/internal/geo"
)

// Where a document is gives it two terms: its cell in a fine grid of 0.1°
// latitude by 0.15° longitude (about 11 by 10 km in Germany) and in a
// coarse one of 1° by 1.5°. A radius search reads the lists of the cells
// its circle touches, fine ones for small circles, coarse ones for large.
const (
	fineLat, fineLon     = 0.1, 0.15
	coarseLat, coarseLon = 1.0, 1.5
	maxFineCells         = 64
)

type cell struct {
	coarse bool
	i, j   int
}

func fineCell(lat, lon float64) cell {
	return cell{i: int(math.Floor(lat / fineLat)), j: int(math.Floor(lon / fineLon))}
}

func coarseCell(lat, lon float64) cell {
	return cell{coarse: true, i: int(math.Floor(lat / coarseLat)), j: int(math.Floor(lon / coarseLon))}
}

func cellTerm(c cell) string {
	if c.coarse {
		return fmt.Sprintf("@G:%d:%d", c.i, c.j)
	}
	return fmt.Sprintf("@g:%d:%d", c.i, c.j)
}

// cellsAround returns the cell terms whose cells together cover every
// point within km of (lat, lon).
func cellsAround(lat, lon, km float64) []string {
	minLat, maxLat, minLon, maxLon := geo.Box(lat, lon, km)
	lo, hi := fineCell(minLat, minLon), fineCell(maxLat, maxLon)
	if (hi.i-lo.i+1)*(hi.j-lo.j+1) > maxFineCells {
		lo, hi = coarseCell(minLat, minLon), coarseCell(maxLat, maxLon)
	}
	var out []string
	for i := lo.i; i <= hi.i; i++ {
		for j := lo.j; j <= hi.j; j++ {
			out = append(out, cellTerm(cell{coarse: lo.coarse, i: i, j: j}))
		}
	}
	return out
}

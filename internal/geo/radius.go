package geo

// The radius of every search around a place (the board, the search, the
// events): the default when none is given, the largest allowed, and the
// choices forms offer, so the same words find the same area everywhere.
const (
	DefaultRadiusKm = 25
	MaxRadiusKm     = 200
)

// Radii are the radius choices of forms, in kilometres.
var Radii = []int{5, 10, 25, 50, 100, 200}

// Within reports whether the point (lat, lon) lies within km of p; a point
// without coordinates lies nowhere.
func (p *Place) Within(lat, lon *float64, km float64) bool {
	return lat != nil && lon != nil && DistanceKm(p.Lat, p.Lon, *lat, *lon) <= km
}

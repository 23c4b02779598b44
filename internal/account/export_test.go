package account

// HashWith makes m hash passwords with h, so a test can see when the
// (deliberately slow) hashing happens.
func HashWith(m *Module, h func(password string) string) { m.hash = h }

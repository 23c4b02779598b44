package funding_test

import (
	"testing"

	"teilhabe.org/teilhabe/internal/browsertest"
)

// TestMain closes the one browser of the package's browser tests.
func TestMain(m *testing.M) { browsertest.Main(m) }

package directory

import "testing"

// FuzzParseMinute: whatever is typed as a time of day either is refused or
// is a minute of the day that prints back to something that reads the same.
func FuzzParseMinute(f *testing.F) {
	for _, s := range []string{"9:00", "09:00", "24:00", "24:01", "23:59", "-1:00", "1:5", " 7:30 ", "٩:٠٠", "99999999999999999999:00", ":"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, ok := ParseMinute(s)
		if !ok {
			return
		}
		if m < 0 || m > EndOfDay {
			t.Fatalf("ParseMinute(%q) = %d, outside the day", s, m)
		}
		if again, ok := ParseMinute(m.String()); !ok || again != m {
			t.Fatalf("ParseMinute(%q) = %v does not read back (%v, %v)", s, m, again, ok)
		}
	})
}

// FuzzParseDay: a day is refused or prints back to itself.
func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"2026-12-07", "2026-02-30", "0000-01-01", "9999-12-31", "2026-1-1", " 2026-03-29 ", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDay(s)
		if !ok {
			return
		}
		if again, ok := ParseDay(string(d)); !ok || again != d {
			t.Fatalf("ParseDay(%q) = %q does not read back", s, d)
		}
	})
}

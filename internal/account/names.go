package account

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/text"
)

// cleanName is the display name as it is saved: without invisible
// controls (text.StripControls) and on one line.
func cleanName(name string) string { return text.OneLine(text.StripControls(name)) }

// staffWords name the platform's staff, their work or the platform itself
// in the six interface languages. A member's name may hold none of them,
// so nobody can pass for a coordinator in a conversation.
var staffWords = skeletons(
	// German
	"admin", "administrator", "administratorin", "administration", "verwaltung", "koordination", "koordinator",
	"koordinatorin", "moderator", "moderatorin", "moderation", "teilhabe", "support",
	// English
	"coordinator", "coordination", "staff", "sysadmin", "webmaster",
	// Arabic
	"مدير", "مديرة", "مشرف", "مشرفة", "منسق", "منسقة", "إدارة", "إشراف",
	// Persian
	"مدیر", "مدیریت", "هماهنگ‌کننده", "پشتیبانی",
	// Ukrainian
	"адмін", "адміністратор", "адміністраторка", "адміністрація", "адміністрування", "координатор",
	"координаторка", "координація", "модератор", "модераторка", "модерація", "підтримка",
	// Turkish
	"yönetici", "yönetim", "koordinatör", "moderatör", "moderasyon", "destek",
)

// prefixFrom is the length from which a staff word also counts at the start
// of a longer word ("Koordinationsbüro"); shorter ones would catch names.
const prefixFrom = 9

// imitatesStaff reports whether a name could be taken for staff: one of its
// words, or all of them written together ("A.d.m.i.n"), is a staff word
// whatever the case, accents, look-alike letters or digits ("Аdm1n").
func imitatesStaff(name string) bool {
	words := text.Words(name)
	for i, w := range words {
		words[i] = skeleton(w)
	}
	if isStaffWord(strings.Join(words, "")) {
		return true
	}
	for _, w := range words {
		if isStaffWord(w) {
			return true
		}
	}
	return false
}

func isStaffWord(w string) bool {
	if rest, ok := strings.CutPrefix(w, skeleton("ال")); ok && utf8.RuneCountInString(rest) > 2 {
		w = rest // the Arabic article: المشرف is مشرف
	}
	for _, s := range staffWords {
		if w == s || (utf8.RuneCountInString(s) >= prefixFrom && strings.HasPrefix(w, s)) {
			return true
		}
	}
	return false
}

// skeleton folds a word (text.FoldWord) and writes the letters and digits
// that pass for Latin letters as those letters, so a Cyrillic а or a 1 in
// "Аdm1n" does not hide the word.
func skeleton(w string) string { return lookAlikes.Replace(text.FoldWord(w)) }

var lookAlikes = strings.NewReplacer(
	"а", "a", "е", "e", "о", "o", "р", "p", "с", "c", "у", "y", "х", "x", "і", "i", "ј", "j", "ѕ", "s", "к", "k",
	"м", "m", "т", "t", "ԁ", "d", "ɡ", "g",
	"α", "a", "ε", "e", "ι", "i", "κ", "k", "ν", "v", "ο", "o", "ρ", "p", "τ", "t", "υ", "u", "χ", "x",
	"0", "o", "1", "i", "l", "i", "3", "e", "4", "a", "5", "s", "7", "t",
)

func skeletons(words ...string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = skeleton(w)
	}
	return out
}

// checkStaffName refuses a name that imitates staff to anyone who is not.
func checkStaffName(f apperr.Fields, name string, role auth.Role) {
	if role == auth.Member && imitatesStaff(name) {
		f.Add("name", "account.name.staff")
	}
}

// StaffRoles returns the role of each of userIDs that belongs to an active
// coordinator or administrator, for the badge beside their name; members
// and unknown ids are left out.
func (m *Module) StaffRoles(ctx context.Context, userIDs []string) (map[string]auth.Role, error) {
	valid := make([]string, 0, len(userIDs))
	for _, id := range userIDs {
		if ids.Valid(id) && !slices.Contains(valid, id) {
			valid = append(valid, id)
		}
	}
	out := map[string]auth.Role{}
	if len(valid) == 0 {
		return out, nil
	}
	marks, args := db.In(1, valid)
	rows, err := m.s.DB.QueryContext(ctx, `SELECT id, role FROM users WHERE id IN (`+marks+`)
		AND role <> 'member' AND deleted_at IS NULL AND suspended_at IS NULL`, args...)
	err = db.Each(rows, err, func(row db.Scanner) error {
		var id, role string
		err := row.Scan(&id, &role)
		out[id] = auth.Role(role)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

package db

import (
	"reflect"
	"strconv"
	"strings"
)

// In returns the placeholders "$from, $from+1, …" for values and the values
// as arguments, for a column IN (...) list whose first placeholder is $from.
// Without values it returns "NULL": x IN (NULL) matches nothing, as an
// empty list should, and both engines accept it.
func In[T any](from int, values []T) (marks string, args []any) {
	if len(values) == 0 {
		return "NULL", nil
	}
	var b strings.Builder
	args = make([]any, len(values))
	for i, v := range values {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(placeholder(from + i))
		args[i] = v
	}
	return b.String(), args
}

func placeholder(n int) string { return "$" + strconv.Itoa(n) }

// Where gathers the conditions and arguments of a query assembled from
// optional parts (a filter), numbering the placeholders as it goes:
//
//	var w db.Where
//	w.Add("kind = ?", f.Kind)
//	w.Add("category IN (?)", categories) // a slice becomes a list
//	w.Add("(created_at, id) < (?, ?)", c.At, c.ID)
//	query := "SELECT ... FROM t" + w.SQL() + " ORDER BY created_at DESC LIMIT " + w.Arg(limit)
//	rows, err := q.QueryContext(ctx, query, w.Args()...)
//
// The zero value is ready to use.
type Where struct {
	conds []string
	args  []any
}

// Add adds a condition, ANDed to the others. Each ? in cond is bound, in
// order, to the next value; a slice value (other than []byte) fills a
// whole IN list. The ? is the only mark Add reads, so conditions must not
// hold a literal question mark.
func (w *Where) Add(cond string, values ...any) {
	var b strings.Builder
	for _, v := range values {
		before, after, ok := strings.Cut(cond, "?")
		if !ok {
			panic("db.Where.Add: more values than ? in " + cond)
		}
		b.WriteString(before)
		b.WriteString(w.bind(v))
		cond = after
	}
	if strings.Contains(cond, "?") {
		panic("db.Where.Add: fewer values than ? in " + cond)
	}
	b.WriteString(cond)
	w.conds = append(w.conds, b.String())
}

// bind adds v (or the elements of a slice v) and returns its placeholders.
func (w *Where) bind(v any) string {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice || rv.Type().Elem().Kind() == reflect.Uint8 {
		return w.Arg(v)
	}
	list := make([]any, rv.Len())
	for i := range list {
		list[i] = rv.Index(i).Interface()
	}
	marks, args := In(len(w.args)+1, list)
	w.args = append(w.args, args...)
	return marks
}

// Arg adds one argument and returns its placeholder, for the parts of a
// query outside the conditions (a LIMIT, an expression in ORDER BY).
func (w *Where) Arg(v any) string {
	w.args = append(w.args, v)
	return placeholder(len(w.args))
}

// SQL is " WHERE c1 AND c2 ..." or "" without conditions.
func (w *Where) SQL() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// Args are the arguments in placeholder order.
func (w *Where) Args() []any { return w.args }

// LikeEscape makes s match literally inside a LIKE pattern written with
// ESCAPE '\': both engines treat % and _ as wildcards otherwise.
func LikeEscape(s string) string {
	return likeEscaper.Replace(s)
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// LikeContains is the pattern for "contains s", for LIKE ... ESCAPE '\'.
func LikeContains(s string) string { return "%" + LikeEscape(s) + "%" }

// LikePrefix is the pattern for "starts with s", for LIKE ... ESCAPE '\'.
func LikePrefix(s string) string { return LikeEscape(s) + "%" }

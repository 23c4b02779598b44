package admin

import "teilhabe.org/teilhabe/internal/apperr"

var errForbidden = apperr.New(apperr.Forbidden, "")

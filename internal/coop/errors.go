package coop

import "teilhabe.org/teilhabe/internal/apperr"

var errNotFound = apperr.New(apperr.NotFound, "")

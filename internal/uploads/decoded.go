package uploads

import (
	"encoding/binary"
	"image"
	"image/color"
)

// decodedSize estimates from the header alone how many bytes decoding the
// image takes: width × height × the bytes a pixel of its colour model
// needs, and for a progressive JPEG also the coefficients it keeps until
// the last scan.
func decodedSize(cfg image.Config, contentType string, original []byte) int64 {
	pixels := int64(cfg.Width) * int64(cfg.Height)
	switch contentType {
	case "image/jpeg":
		return int64(float64(pixels) * jpegBytesPerPixel(original))
	case "image/gif":
		return pixels * 5 // the paletted frame and the RGBA canvas it may be drawn on
	}
	return pixels * bytesPerPixel(cfg.ColorModel)
}

// bytesPerPixel is what one decoded pixel takes in the image type the
// standard decoders return for the colour model.
func bytesPerPixel(m color.Model) int64 {
	switch m {
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.Gray16Model, color.Alpha16Model:
		return 2
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	}
	if _, paletted := m.(color.Palette); paletted {
		return 1
	}
	return 4 // RGBA, NRGBA, CMYK and anything unknown
}

// jpegBytesPerPixel reads the frame header: each component takes its share
// of the pixels (chroma is often subsampled), one byte per sample, and a
// progressive JPEG four more per sample for its coefficients (an int32 of
// each 8×8 block's 64). Without a readable frame header it assumes the
// worst of three full components, progressive.
func jpegBytesPerPixel(b []byte) float64 {
	progressive, samplings, ok := jpegFrame(b)
	if !ok {
		return 3 * 5
	}
	hmax, vmax := 1, 1
	for _, s := range samplings {
		hmax, vmax = max(hmax, int(s>>4)), max(vmax, int(s&0x0F))
	}
	perSample := 1.0
	if progressive {
		perSample += 4
	}
	var total float64
	for _, s := range samplings {
		h, v := max(1, int(s>>4)), max(1, int(s&0x0F))
		total += perSample * float64(h*v) / float64(hmax*vmax)
	}
	return total
}

// jpegFrame walks the markers of a JPEG up to its start-of-frame and
// reports whether it is progressive and each component's sampling factors
// (high nibble horizontal, low nibble vertical).
func jpegFrame(b []byte) (progressive bool, samplings []byte, ok bool) {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return false, nil, false
	}
	i := 2
	for i+4 <= len(b) {
		if b[i] != 0xFF {
			return false, nil, false
		}
		marker := b[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		length := int(binary.BigEndian.Uint16(b[i+2:]))
		segment := b[i+4 : min(len(b), i+2+length)]
		switch marker {
		case 0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF:
			if len(segment) < 6 {
				return false, nil, false
			}
			n := int(segment[5])
			if len(segment) < 6+3*n {
				return false, nil, false
			}
			for c := range n {
				samplings = append(samplings, segment[6+3*c+1])
			}
			progressive = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE
			return progressive, samplings, n > 0
		case 0xD9, 0xDA: // end of image, or scan data before any frame
			return false, nil, false
		}
		if length < 2 {
			return false, nil, false
		}
		i += 2 + length
	}
	return false, nil, false
}

package uploads

import (
	"image"
	"image/color"
	"math"
)

// scaleDown shrinks src to w×h (neither larger than src) by area averaging:
// each output pixel is the mean of the source area it covers, with partly
// covered source pixels weighted by their share. That keeps detail without
// the moiré of point sampling. Colours are averaged premultiplied by alpha,
// so transparent pixels do not bleed their hidden colour into edges.
//
// It works row by row and holds only a few rows of floats, whatever the
// size of src.
func scaleDown(src image.Image, w, h int) *image.RGBA {
	b := src.Bounds()
	columns := areaWeights(b.Dx(), w)
	rows := areaWeights(b.Dy(), h)
	dst := image.NewRGBA(image.Rect(0, 0, w, h))

	read := rowReader(src)
	srcRow := make([]float32, 4*b.Dx())
	reduced := make([]float32, 4*w) // one source row, scaled horizontally
	sum := make([]float32, 4*w)
	lastRow := -1
	for y, row := range rows {
		clear(sum)
		for i, weight := range row.weights {
			sy := row.first + i
			if sy != lastRow { // rows on a boundary serve two output rows
				read(b.Min.Y+sy, srcRow)
				reduceRow(srcRow, columns, reduced)
				lastRow = sy
			}
			for x, v := range reduced {
				sum[x] += weight * v
			}
		}
		out := dst.Pix[y*dst.Stride : y*dst.Stride+4*w]
		for i, v := range sum {
			out[i] = uint8(min(255, max(0, v+0.5)))
		}
	}
	return dst
}

// span lists the source pixels that make up one output pixel: weights[i]
// belongs to source pixel first+i. The weights add up to 1.
type span struct {
	first   int
	weights []float32
}

// areaWeights maps n source pixels onto m output pixels (m <= n). Output
// pixel i covers the source interval [i·n/m, (i+1)·n/m).
func areaWeights(n, m int) []span {
	ratio := float64(n) / float64(m)
	spans := make([]span, m)
	for i := range spans {
		lo, hi := float64(i)*ratio, float64(i+1)*ratio
		first, last := int(lo), min(n, int(math.Ceil(hi)))
		s := span{first: first}
		for j := first; j < last; j++ {
			covered := math.Min(hi, float64(j+1)) - math.Max(lo, float64(j))
			s.weights = append(s.weights, float32(covered/ratio))
		}
		spans[i] = s
	}
	return spans
}

func reduceRow(src []float32, columns []span, dst []float32) {
	for x, s := range columns {
		var r, g, b, a float32
		for i, weight := range s.weights {
			p := src[4*(s.first+i):]
			r += weight * p[0]
			g += weight * p[1]
			b += weight * p[2]
			a += weight * p[3]
		}
		dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = r, g, b, a
	}
}

// rowReader returns a function that fills row with the premultiplied RGBA
// values (0–255) of source row y. The common decoder outputs are read
// directly; anything else goes through the slower generic At.
func rowReader(src image.Image) func(y int, row []float32) {
	b := src.Bounds()
	switch img := src.(type) {
	case *image.YCbCr: // JPEG photos
		return func(y int, row []float32) {
			for x := b.Min.X; x < b.Max.X; x++ {
				yi, ci := img.YOffset(x, y), img.COffset(x, y)
				r, g, bl := color.YCbCrToRGB(img.Y[yi], img.Cb[ci], img.Cr[ci])
				i := 4 * (x - b.Min.X)
				row[i], row[i+1], row[i+2], row[i+3] = float32(r), float32(g), float32(bl), 255
			}
		}
	case *image.RGBA:
		return func(y int, row []float32) {
			pix := img.Pix[img.PixOffset(b.Min.X, y):]
			for i := range row {
				row[i] = float32(pix[i])
			}
		}
	case *image.NRGBA: // PNGs with transparency
		return func(y int, row []float32) {
			pix := img.Pix[img.PixOffset(b.Min.X, y):]
			for i := 0; i < len(row); i += 4 {
				alpha := float32(pix[i+3]) / 255
				row[i], row[i+1], row[i+2] = float32(pix[i])*alpha, float32(pix[i+1])*alpha, float32(pix[i+2])*alpha
				row[i+3] = float32(pix[i+3])
			}
		}
	case *image.Gray:
		return func(y int, row []float32) {
			pix := img.Pix[img.PixOffset(b.Min.X, y):]
			for x := range len(row) / 4 {
				v := float32(pix[x])
				row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = v, v, v, 255
			}
		}
	case *image.Paletted: // GIFs and small PNGs
		palette := make([][4]float32, 256)
		for i, c := range img.Palette {
			r, g, bl, a := c.RGBA()
			palette[i] = [4]float32{float32(r >> 8), float32(g >> 8), float32(bl >> 8), float32(a >> 8)}
		}
		return func(y int, row []float32) {
			pix := img.Pix[img.PixOffset(b.Min.X, y):]
			for x := range len(row) / 4 {
				copy(row[4*x:4*x+4], palette[pix[x]][:])
			}
		}
	}
	return func(y int, row []float32) {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := src.At(x, y).RGBA() // premultiplied, 16 bits
			i := 4 * (x - b.Min.X)
			row[i], row[i+1], row[i+2], row[i+3] = float32(r)/257, float32(g)/257, float32(bl)/257, float32(a)/257
		}
	}
}

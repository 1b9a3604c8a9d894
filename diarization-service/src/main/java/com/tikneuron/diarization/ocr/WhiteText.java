package com.tikneuron.diarization.ocr;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * A second version of a grey picture for Tesseract: only its near-white pixels, drawn black on white. TikTok's
 * captions are mostly white with a dark outline; over a busy, bright picture Tesseract reads the grey frame badly
 * ("Spread so" for "Spread some butter and a little honey") and this mask well. Dark text on a light box is the other
 * way round, so both versions are read and the better reading of each picture kept.
 */
final class WhiteText {

    // Grey level from which a pixel counts as caption white; 200, 230 and 245 read the development frames alike
    private static final int WHITE = 230;

    private WhiteText() {
    }

    static Path mask(Path grey, Path target) {
        try {
            BufferedImage image = ImageIO.read(grey.toFile());
            if (image == null) {
                throw new IllegalStateException("a picture to read is not an image");
            }
            Raster in = image.getRaster();
            BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            WritableRaster raster = out.getRaster();
            int[] pixel = new int[in.getNumBands()];
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    in.getPixel(x, y, pixel);
                    raster.setSample(x, y, 0, pixel[0] >= WHITE ? 0 : 255);
                }
            }
            ImageIO.write(out, "png", target.toFile());
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("no room for a picture's mask", e);
        }
    }
}

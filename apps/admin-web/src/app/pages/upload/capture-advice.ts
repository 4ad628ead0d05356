/** What the camera view can tell from one frame, all in 0..1 of the frame (x from the left as the person sees it). */
export interface FrameReading {
  /** Mean luminance inside the face oval of the guide. */
  ovalLuma: number;
  /** Mean luminance of the rest of the frame. */
  surroundLuma: number;
  /** The face, when the browser has a face detector (Chrome's Shape Detection API); else null. */
  face: { cx: number; cy: number; width: number } | null;
}

/** What to change before the shot; the page says it in the employee's language (message `capture.<code>`). */
export interface CaptureAdvice {
  code: 'TOO_DARK' | 'BACKLIT' | 'TOO_CLOSE' | 'TOO_FAR' | 'OFF_CENTRE' | 'NO_FACE_IN_GUIDE';
}

/** Where the guide's face oval sits, matching the overlay drawn over the video. */
export const GUIDE = { cx: 0.5, cy: 0.4, rx: 0.19, ry: 0.25 } as const;

/**
 * The advice for one frame, most important first; empty when the frame looks right. Thresholds are
 * deliberately forgiving: this is a hint before the shot, the server's checks decide.
 */
export function captureAdvice(r: FrameReading, hasDetector: boolean): CaptureAdvice[] {
  const out: CaptureAdvice[] = [];
  if (r.ovalLuma < 0.2) out.push({ code: 'TOO_DARK' });
  else if (r.surroundLuma - r.ovalLuma > 0.22 && r.surroundLuma > 0.55) out.push({ code: 'BACKLIT' });
  if (r.face) {
    if (r.face.width > 0.55) out.push({ code: 'TOO_CLOSE' });
    else if (r.face.width < 0.14) out.push({ code: 'TOO_FAR' });
    if (Math.abs(r.face.cx - GUIDE.cx) > 0.12 || Math.abs(r.face.cy - GUIDE.cy) > 0.15) out.push({ code: 'OFF_CENTRE' });
  } else if (hasDetector) {
    out.push({ code: 'NO_FACE_IN_GUIDE' });
  }
  return out;
}

/**
 * Mean luminance inside and outside the guide's oval, from RGBA pixels of a small copy of the frame
 * (mirrored or not does not matter: the oval is centred).
 */
export function ovalLuminance(pixels: Uint8ClampedArray, width: number, height: number): { ovalLuma: number; surroundLuma: number } {
  let inSum = 0;
  let inN = 0;
  let outSum = 0;
  let outN = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const luma = (0.2126 * pixels[i] + 0.7152 * pixels[i + 1] + 0.0722 * pixels[i + 2]) / 255;
      const dx = ((x + 0.5) / width - GUIDE.cx) / GUIDE.rx;
      const dy = ((y + 0.5) / height - GUIDE.cy) / GUIDE.ry;
      if (dx * dx + dy * dy <= 1) {
        inSum += luma;
        inN++;
      } else {
        outSum += luma;
        outN++;
      }
    }
  }
  return { ovalLuma: inN ? inSum / inN : 0, surroundLuma: outN ? outSum / outN : 0 };
}

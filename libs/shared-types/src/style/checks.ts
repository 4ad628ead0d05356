/** Stable codes for every check the pipeline can fail. */
export const CHECK_CODES = [
  'NO_FACE',
  'MULTIPLE_FACES',
  'FACE_TOO_SMALL',
  'FACE_CUT_OFF',
  'HEAD_CUT_OFF',
  'BODY_CUT_OFF',
  'SHOULDERS_CUT_OFF',
  'SOMETHING_ON_HEAD',
  'HEAD_TURNED',
  'TOO_DARK',
  'TOO_BRIGHT',
  'BACKLIT',
  'BLURRY',
  'LOW_DETAIL',
  'IMAGE_TOO_SMALL',
  'UNSUPPORTED_FORMAT',
  'TOO_MANY_PIXELS',
  'CORRUPT_IMAGE',
  'FILE_TOO_LARGE',
  // Not the pipeline's: a kept selfie whose check failed on every try (the workers' sweep gives up on it).
  'CHECK_FAILED',
] as const;

export type CheckCode = (typeof CHECK_CODES)[number];

/** Enum-style access: `CheckCode.NO_FACE`. */
export const CheckCode = Object.fromEntries(CHECK_CODES.map((c) => [c, c])) as { readonly [K in CheckCode]: K };

export interface CheckMessage {
  /** What is wrong, addressed to the person who took the photo. */
  sentence: string;
  /** What to do about it. */
  tip: string;
}

/** Human sentences for every check code. */
export const CHECK_MESSAGES: Record<CheckCode, CheckMessage> = {
  NO_FACE: {
    sentence: 'We could not find a face in this photo.',
    tip: 'Take a photo facing the camera with your whole face visible, nothing covering it.',
  },
  MULTIPLE_FACES: {
    sentence: 'This photo shows more than one person.',
    tip: 'Take a photo with only you in the picture.',
  },
  FACE_TOO_SMALL: {
    sentence: 'Your face is too small in this photo to make a sharp headshot.',
    tip: 'Move closer to the camera so your head and shoulders fill most of the picture.',
  },
  FACE_CUT_OFF: {
    sentence: 'Part of your face is cut off at the edge of the photo.',
    tip: 'Keep your whole head inside the picture, with some space above your hair.',
  },
  HEAD_CUT_OFF: {
    sentence: 'The top of your head is cut off at the top of the photo.',
    tip: 'Keep the top of your head in the picture, with a little space above your hair.',
  },
  BODY_CUT_OFF: {
    sentence: "The photo ends too close below your chin: too little of your shoulders and chest is in the picture for your team's framing.",
    tip: 'Hold the phone a little further away so your shoulders and the top of your chest are in the picture, with nothing in front of you.',
  },
  SHOULDERS_CUT_OFF: {
    sentence: "Your shoulders run into the sides of the photo, so there is no room beside them for your team's framing.",
    tip: 'Stand in the middle of the picture and hold the phone a little further away so both shoulders fit.',
  },
  SOMETHING_ON_HEAD: {
    sentence: 'Something is resting on or standing just above your head, and it would be cut off at the top of your headshot.',
    tip: 'Take the photo with nothing on or above your head: no pet, no raised hand, no object behind your head.',
  },
  HEAD_TURNED: {
    sentence: 'Your head is turned too far to the side.',
    tip: 'Look straight into the camera with your shoulders square to it.',
  },
  TOO_DARK: {
    sentence: 'This photo is too dark to show your face well.',
    tip: 'Face a window or a lamp, and avoid having a bright light behind you.',
  },
  TOO_BRIGHT: {
    sentence: 'This photo is too bright: parts of your face are washed out.',
    tip: 'Step out of direct sunlight or away from the flash, and try again.',
  },
  BACKLIT: {
    sentence: 'The light behind you is much brighter than your face, so your face is in shadow.',
    tip: 'Turn around so the window or lamp is in front of you, not behind you.',
  },
  BLURRY: {
    sentence: 'This photo is blurry.',
    tip: 'Hold the camera still, tap your face on the screen to focus, and clean the lens.',
  },
  LOW_DETAIL: {
    sentence: 'This photo has too little real detail: it looks pixelated, enlarged from a small picture or heavily compressed.',
    tip: 'Upload the original photo from your phone or camera, not a screenshot, a thumbnail or a copy sent through a chat app.',
  },
  IMAGE_TOO_SMALL: {
    sentence: 'This image is too small to make a headshot from.',
    tip: 'Upload the original photo from your phone or camera, not a thumbnail or a screenshot.',
  },
  UNSUPPORTED_FORMAT: {
    sentence: 'This file is not a photo format we can read.',
    tip: 'Upload a JPEG, PNG, WebP or HEIC photo straight from your phone or camera.',
  },
  TOO_MANY_PIXELS: {
    sentence: 'This image has far more pixels than any camera photo, so we will not open it.',
    tip: 'Upload the original camera photo (up to about 50 megapixels).',
  },
  CORRUPT_IMAGE: {
    sentence: 'This file is damaged or incomplete and cannot be opened.',
    tip: 'Upload the photo again, or export it once more from your photo app.',
  },
  FILE_TOO_LARGE: {
    sentence: 'This file is too large.',
    tip: 'Upload a photo under the size limit; phone photos are usually well below it.',
  },
  CHECK_FAILED: {
    sentence: 'This photo could not be checked, even after several tries.',
    tip: 'Send another photo. If this keeps happening, tell your HR team.',
  },
};

/** A check failure as the pipeline reports it. */
export interface CheckResult extends CheckMessage {
  code: CheckCode;
}

/** Builds a {@link CheckResult} for a code. */
export function checkResult(code: CheckCode): CheckResult {
  return { code, ...CHECK_MESSAGES[code] };
}

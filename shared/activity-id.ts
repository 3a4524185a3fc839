/** An activity's ID, «eje.número»: the axis (1–99) and its number within it (1–999), «2.3». */
export const ACTIVITY_ID = /^[1-9]\d?\.[1-9]\d{0,2}$/;

export const isActivityId = (text: string): boolean => ACTIVITY_ID.test(text);

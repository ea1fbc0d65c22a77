// The chat's input limits, without zod: the pages import them (a zod import would ship the whole
// library in /chat's first-load JavaScript), lib/chat/schemas.ts enforces them.

export const MAX_MESSAGE_CHARS = 8000;
export const CONVERSATION_TITLE_MAX = 200;

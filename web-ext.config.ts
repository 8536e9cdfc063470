import { defineWebExtConfig } from 'wxt';

// These machines cannot launch a browser of their own for `wxt` dev mode.
export default defineWebExtConfig({ disabled: true });

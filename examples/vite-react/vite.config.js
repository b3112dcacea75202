// The example's build: plain Vite, nothing Lectern-specific (that is the
// point: the package's assets are found by `new URL(..., import.meta.url)`).
export default {
  build: { outDir: 'dist', emptyOutDir: true },
};

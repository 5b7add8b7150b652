// Entry point for vscode.dev / github.dev: VS Code runs this bundle in its
// web-worker extension host. The features only touch files through
// vscode.workspace.fs, so the same composition serves both hosts; the build
// (scripts/build.mjs) fails if a Node built-in reaches this bundle.
export { activate, deactivate, type PostdeskApi } from '../extension';

// The Posts view feature: what src/extension.ts composes and what the API exposes.
export { registerPostsView, PostsView, POSTS_VIEW_ID } from './postsView';
export type { PostsViewApi, PostsViewRow, ServedChildren } from './api';
export type { PostsViewElement } from './postsProvider';

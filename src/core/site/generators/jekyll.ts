export * from './jekyll/index';

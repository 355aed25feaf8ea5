import {
  Anchor,
  type AnchorProps,
  Button,
  type ButtonProps,
  NavLink,
  type NavLinkProps,
} from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import type { AnchorHTMLAttributes, Ref } from 'react';

type AnchorAttrs = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color' | 'style'>;

function NavLinkAnchor({ ref, ...props }: NavLinkProps & AnchorAttrs & { ref?: Ref<HTMLAnchorElement> }) {
  return <NavLink component="a" ref={ref} {...props} />;
}

function TextAnchor({ ref, ...props }: AnchorProps & AnchorAttrs & { ref?: Ref<HTMLAnchorElement> }) {
  return <Anchor component="a" ref={ref} {...props} />;
}

function ButtonAnchor({ ref, ...props }: ButtonProps & AnchorAttrs & { ref?: Ref<HTMLAnchorElement> }) {
  return <Button component="a" ref={ref} {...props} />;
}

/** Mantine components that navigate with the router (typed `to`, client-side transitions). */
export const RouterNavLink = createLink(NavLinkAnchor);
export const RouterAnchor = createLink(TextAnchor);
export const RouterButton = createLink(ButtonAnchor);

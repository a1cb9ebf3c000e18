"""Drive the bot as Discord would: build INTERACTION_CREATE payloads, feed them to discord.py's
own parser, wait for what they trigger, and hand back what the bot sent as an `Exchange`.

Only what the Discord client would send is sent: a command the member cannot see raises
`CommandHidden`, an option value the client would not accept raises `OptionValueError`.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from offline.ids import new_id
from offline.payloads import (
    APPLICATION_ID,
    DEFAULT_GUILD_ID,
    Actor,
    Channel,
    OptionContext,
    OptionValueError,
    Resolved,
    Role,
    bot_user_payload,
    coerce,
    guild_payload,
    interaction_base,
    user_payload,
)
from offline.render import find_component, is_modal, render_message, walk_components
from offline.transport import (
    CALLBACK_AUTOCOMPLETE,
    CALLBACK_MODAL,
    EPHEMERAL,
    INTERACTION_AUTOCOMPLETE,
    INTERACTION_COMMAND,
    INTERACTION_COMPONENT,
    INTERACTION_MODAL_SUBMIT,
    DiscordStandIn,
    Request,
)
from offline.visibility import CHANNEL, ROLE, USER, CommandHidden, CommandOverwrite, refusal

if TYPE_CHECKING:
    from bot.app import AixBot

DISPATCH_TASK_PREFIXES = (
    "CommandTree-invoker",
    "discord-ui-view-dispatch",
    "discord-ui-modal-dispatch",
    "discord-ui-dynamic-item",
    "discord.py: on_app_command_completion",
    "discord.py: on_interaction",
)


class MissingOption(OptionValueError):
    """A required option left out: the Discord client will not send the command without it."""

    def __init__(self, command: str, option: str) -> None:
        super().__init__(command, option, "a value (it is required)", None)
        self.args = (f"/{command} needs its required option {option!r}",)


@dataclass
class Exchange:
    """Everything the bot sent in answer to one interaction."""

    requests: list[Request]
    stand_in: DiscordStandIn
    token: str | None = None
    """The interaction's token (for `stand_in.expire`)."""

    @property
    def messages(self) -> list[dict[str, Any]]:
        """Every message body the bot sent or edited and Discord accepted."""
        return [m for r in self.requests if r.ok and (m := r.message) is not None]

    @property
    def refused(self) -> list[Request]:
        """Requests Discord answered with an error (an expired token, a second callback...)."""
        return [r for r in self.requests if not r.ok]

    @property
    def last(self) -> dict[str, Any]:
        """The last message body the bot sent or edited; fails loudly when there was none."""
        if not self.messages:
            raise AssertionError(f"the bot sent no message: {self.requests}")
        return self.messages[-1]

    @property
    def message_id(self) -> int:
        """The id of the first message this exchange created (to press its buttons)."""
        for request in self.requests:
            if request.created_id is not None:
                return request.created_id
        raise AssertionError(f"the bot created no message: {self.requests}")

    @property
    def ephemeral(self) -> bool:
        return bool(self.last.get("flags", 0) & EPHEMERAL)

    @property
    def choices(self) -> list[dict[str, Any]]:
        for request in self.requests:
            if request.callback_type == CALLBACK_AUTOCOMPLETE and request.body and request.ok:
                return list(request.body["data"]["choices"])
        raise AssertionError(f"no autocomplete answer: {self.requests}")

    @property
    def modal(self) -> dict[str, Any]:
        for request in self.requests:
            if request.callback_type == CALLBACK_MODAL and request.body and request.ok:
                return dict(request.body["data"])
        raise AssertionError(f"no modal was opened: {self.requests}")

    @property
    def files(self) -> list[tuple[str, bytes]]:
        return [f for r in self.requests if r.ok for f in r.files]

    def text(self) -> str:
        """What the person who acted would see: each message, and any modal that opened."""
        shown: list[str] = []
        for request in self.requests:
            if not request.ok:
                continue
            if request.callback_type == CALLBACK_MODAL and isinstance(request.body, dict):
                shown.append(render_message(request.body.get("data") or {}))
            elif (message := request.message) is not None:
                shown.append(render_message(message))
        return "\n".join(shown) or "(no reply)"


DEFAULT_ACTOR = Actor()


def _pop_expired(command: app_commands.Command[Any, ..., Any], options: dict[str, Any]) -> bool:
    if "expired" in options and all(p.display_name != "expired" for p in command.parameters):
        return bool(options.pop("expired"))
    return False


def _field_value(component: dict[str, Any], values: dict[str, Any], label: str | None) -> Any:
    for key in (label, component.get("label"), component.get("custom_id")):
        if key is not None and key in values:
            return values[key]
    return None


def _submitted(component: dict[str, Any], values: dict[str, Any], label: str | None) -> Any:
    """One input of a modal as the submit interaction carries it."""
    given = _field_value(component, values, label)
    kind = component.get("type")
    out: dict[str, Any] = {"type": kind, "custom_id": component.get("custom_id")}
    if "id" in component:
        out["id"] = component["id"]
    if kind == 4:
        out["value"] = str(given) if given is not None else (component.get("value") or "")
    else:
        if given is None:
            given = [o["value"] for o in component.get("options") or [] if o.get("default")]
        out["values"] = [given] if isinstance(given, str) else [str(v) for v in given]
    return out


class OfflineDiscord:
    """Drives an `AixBot` through real interaction payloads, without a gateway or a token."""

    def __init__(self, bot: AixBot) -> None:
        self.bot = bot
        self.stand_in = DiscordStandIn()
        self.overwrites: list[CommandOverwrite] = []
        """Command permissions an admin set in Server Settings > Integrations."""

    async def start(self) -> None:
        await self.bot._async_setup_hook()
        # What HTTPClient.static_login sets up, minus the network: our session, an open gate.
        self.bot.http._HTTPClient__session = self.stand_in  # type: ignore[attr-defined]
        self.bot.http._global_over = asyncio.Event()
        self.bot.http._global_over.set()
        self.bot._connection.application_id = APPLICATION_ID
        self.bot._connection.user = discord.ClientUser(
            state=self.bot._connection,
            data=bot_user_payload(),  # type: ignore[arg-type]
        )
        await self.bot.prepare()

    async def close(self) -> None:
        await self.bot.close_services()

    def next_id(self) -> int:
        return new_id()

    # -- finding commands, and who may see them -----------------------------------------------

    def find_command(self, path: str) -> app_commands.Command[Any, ..., Any]:
        names = path.strip().lstrip("/").split()
        command: Any = self.bot.tree.get_command(names[0]) if names else None
        for name in names[1:]:
            if not isinstance(command, app_commands.Group):
                command = None
                break
            command = command.get_command(name)
        if not isinstance(command, app_commands.Command):
            raise LookupError(f"no slash command /{' '.join(names)}")
        return command

    def find_menu(
        self, name: str, kind: discord.AppCommandType = discord.AppCommandType.message
    ) -> app_commands.ContextMenu:
        menu = self.bot.tree.get_command(name, type=kind)
        if not isinstance(menu, app_commands.ContextMenu):
            raise LookupError(f"no {kind.name} command {name!r}")
        return menu

    def allow_command(
        self,
        name: str | None,
        *,
        role_id: int | None = None,
        user_id: int | None = None,
        channel_id: int | None = None,
        allowed: bool = True,
        guild_id: int = DEFAULT_GUILD_ID,
    ) -> None:
        """An admin's command permission for the top-level command `name` (None: every command
        without its own): let a role, a user or a channel in, or with `allowed=False` keep them
        out. Set exactly one of role_id, user_id, channel_id; role_id=guild_id is @everyone and
        channel_id=guild_id - 1 is every channel."""
        targets = [(ROLE, role_id), (USER, user_id), (CHANNEL, channel_id)]
        chosen = [(kind, target) for kind, target in targets if target is not None]
        if len(chosen) != 1:
            raise ValueError("give exactly one of role_id, user_id or channel_id")
        if name is not None and all(c.name != name for c in self._top_level()):
            raise LookupError(f"no top-level command named {name!r} to set permissions on")
        kind, target = chosen[0]
        self.overwrites = [
            o
            for o in self.overwrites
            if (o.guild_id, o.command, o.kind, o.target_id) != (guild_id, name, kind, target)
        ]
        self.overwrites.append(CommandOverwrite(guild_id, name, kind, int(target), allowed))

    def deny_command(self, name: str | None, **target: Any) -> None:
        """`allow_command(..., allowed=False)`."""
        self.allow_command(name, allowed=False, **target)

    def _top_level(self) -> list[Any]:
        return list(self.bot.tree.get_commands())

    def refusal(
        self, command: app_commands.Command[Any, ..., Any] | app_commands.ContextMenu, actor: Actor
    ) -> str | None:
        """Why Discord would not deliver `command` to `actor`, or None when it would."""
        if isinstance(command, app_commands.Command):
            root: Any = command.root_parent or command
        else:
            root = command
        payload = root.to_dict(self.bot.tree)
        return refusal(payload, actor, self.overwrites)

    def _deliverable(
        self, command: app_commands.Command[Any, ..., Any] | app_commands.ContextMenu, actor: Actor
    ) -> None:
        reason = self.refusal(command, actor)
        if reason is not None:
            raise CommandHidden(f"Discord would not deliver this: {reason}")

    def _command_data(
        self,
        command: app_commands.Command[Any, ..., Any],
        options: dict[str, Any],
        focused: str | None,
        actor: Actor = DEFAULT_ACTOR,
    ) -> dict[str, Any]:
        params = {p.display_name: p for p in command.parameters}
        for name in options:
            if name not in params:
                raise LookupError(
                    f"/{command.qualified_name} has no option {name!r}; "
                    f"options: {', '.join(params) or 'none'}"
                )
        if focused is None:
            for name, parameter in params.items():
                if parameter.required and name not in options:
                    raise MissingOption(command.qualified_name, name)
        elif focused not in params:
            raise LookupError(f"/{command.qualified_name} has no option {focused!r}")
        resolved = Resolved()
        where = OptionContext(command.qualified_name, actor, resolved, self.next_id)
        leaf = []
        for name, value in options.items():
            parameter = params[name]
            option: dict[str, Any] = {"name": name, "type": int(parameter.type.value)}
            if name == focused:
                # Discord sends what is typed so far, as text, whatever the option's type.
                option["value"] = str(value)
                option["focused"] = True
            else:
                option["value"] = coerce(parameter, value, where)
            leaf.append(option)
        self.stand_in.cdn.update(resolved.uploads)
        if actor.guild_id is not None and actor.server_installed:
            self._remember(actor.guild_id, resolved.channel_objects, resolved.role_objects)
        tree: list[dict[str, Any]] = leaf
        parent = command.parent
        node: Any = command
        while parent is not None:
            kind = 1 if isinstance(node, app_commands.Command) else 2
            tree = [{"name": node.name, "type": kind, "options": tree}]
            node, parent = parent, parent.parent
        data: dict[str, Any] = {
            "id": str(self.next_id()),
            "name": node.name,
            "type": 1,
            "options": tree,
        }
        if resolved.payload():
            data["resolved"] = resolved.payload()
        return data

    # -- the bot's cache, as the gateway fills it ------------------------------------------------

    def guild(self, guild_id: int = DEFAULT_GUILD_ID) -> discord.Guild:
        """The server as discord.py caches it after GUILD_CREATE (the bot is in every server an
        interaction comes from); created on first use."""
        state = self.bot._connection
        guild = state._get_guild(guild_id)
        if guild is None:
            guild = state._add_guild_from_data(guild_payload(guild_id))  # type: ignore[arg-type]
        return guild

    def _remember(self, guild_id: int, channels: list[Channel], roles: list[Role]) -> None:
        """Channels and roles an option named exist in the server, so in the bot's cache too
        (a `discord.TextChannel` option resolves through it)."""
        guild = self.guild(guild_id)
        state = self.bot._connection
        for channel in channels:
            if channel.is_thread or guild.get_channel(channel.id) is not None:
                continue
            factory, _ = discord.channel._guild_channel_factory(channel.type)
            if factory is None:
                continue
            data = channel.guild_payload(guild_id, position=len(guild.channels))
            guild._add_channel(factory(guild=guild, state=state, data=data))
        for role in roles:
            if guild.get_role(role.id) is None:
                data = role.payload()
                cached = discord.Role(guild=guild, state=state, data=data)  # type: ignore[arg-type]
                guild._add_role(cached)

    # -- sending interactions -------------------------------------------------------------------

    def expire(self, token: str) -> None:
        """The interaction's time is up: its callback and its webhook now answer 404."""
        self.stand_in.expire(token)

    async def dispatch(self, payload: dict[str, Any], *, expired: bool = False) -> Exchange:
        """Feed one INTERACTION_CREATE payload to discord.py and wait for what it triggers.

        With `expired`, the token is already dead when the bot answers (it took longer than
        Discord's three seconds): the callback gets 404 Unknown interaction (10062).
        """
        start = len(self.stand_in.requests)
        owners = payload.get("authorizing_integration_owners") or {}
        if payload.get("guild_id") is not None and owners.get("0") == payload["guild_id"]:
            # A server that never installed aixbot never sent it GUILD_CREATE.
            self.guild(int(payload["guild_id"]))
        self.stand_in.register(payload)
        if expired:
            self.stand_in.expire(str(payload["token"]))
        before = set(asyncio.all_tasks())
        self.bot._connection.parse_interaction_create(payload)  # type: ignore[arg-type]
        seen: set[asyncio.Task[Any]] = set()
        while True:
            pending = [
                task
                for task in asyncio.all_tasks() - before - seen
                if task.get_name().startswith(DISPATCH_TASK_PREFIXES)
            ]
            if not pending:
                await asyncio.sleep(0)
                pending = [
                    task
                    for task in asyncio.all_tasks() - before - seen
                    if task.get_name().startswith(DISPATCH_TASK_PREFIXES)
                ]
                if not pending:
                    break
            seen.update(pending)
            await asyncio.gather(*pending, return_exceptions=True)
        return Exchange(self.stand_in.requests[start:], self.stand_in, str(payload["token"]))

    async def command(self, path: str, actor: Actor = DEFAULT_ACTOR, /, **options: Any) -> Exchange:
        """Run the slash command at `path` ("compute train") with these option values.

        `expired=True` (unless the command has an option of that name) sends an interaction
        whose token is dead by the time the bot answers.
        """
        command = self.find_command(path)
        expired = _pop_expired(command, options)
        self._deliverable(command, actor)
        payload = interaction_base(actor, self.next_id(), INTERACTION_COMMAND)
        payload["data"] = self._command_data(command, options, None, actor)
        return await self.dispatch(payload, expired=expired)

    def post(
        self, path: str, actor: Actor = DEFAULT_ACTOR, /, **options: Any
    ) -> asyncio.Task[Exchange]:
        """The slash command at `path` delivered now and answered in the background, as when
        many members ask at once: `command` waits for every interaction that starts meanwhile,
        so many of them awaited together would wait on one another. The task's Exchange holds
        only this interaction's requests (matched by its token)."""
        command = self.find_command(path)
        self._deliverable(command, actor)
        payload = interaction_base(actor, self.next_id(), INTERACTION_COMMAND)
        payload["data"] = self._command_data(command, options, None, actor)
        token = str(payload["token"])
        start = len(self.stand_in.requests)
        self.stand_in.register(payload)
        before = set(asyncio.all_tasks())
        self.bot._connection.parse_interaction_create(payload)  # type: ignore[arg-type]
        started = [
            task
            for task in asyncio.all_tasks() - before
            if task.get_name().startswith(DISPATCH_TASK_PREFIXES)
        ]

        async def answered() -> Exchange:
            await asyncio.gather(*started, return_exceptions=True)
            requests = [r for r in self.stand_in.requests[start:] if token in r.path]
            return Exchange(requests, self.stand_in, token)

        return asyncio.create_task(answered())

    async def autocomplete(
        self, path: str, focused: str, actor: Actor = DEFAULT_ACTOR, /, **options: Any
    ) -> Exchange:
        """Type into option `focused` of `path`; the other options are what is filled so far.
        `expired=True` as for `command`."""
        command = self.find_command(path)
        expired = _pop_expired(command, options)
        self._deliverable(command, actor)
        payload = interaction_base(actor, self.next_id(), INTERACTION_AUTOCOMPLETE)
        payload["data"] = self._command_data(command, options, focused, actor)
        return await self.dispatch(payload, expired=expired)

    async def message_command(
        self,
        name: str,
        content: str,
        actor: Actor = DEFAULT_ACTOR,
        *,
        author_id: int = 42,
        expired: bool = False,
    ) -> Exchange:
        self._deliverable(self.find_menu(name), actor)
        target_id = self.next_id()
        message = {
            "id": str(target_id),
            "channel_id": str(actor.channel_id),
            "type": 0,
            "author": user_payload(author_id),
            "content": content,
            "embeds": [],
            "components": [],
            "attachments": [],
            "timestamp": datetime.now(UTC).isoformat(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "pinned": False,
            "flags": 0,
        }
        payload = interaction_base(actor, self.next_id(), INTERACTION_COMMAND)
        payload["data"] = {
            "id": str(self.next_id()),
            "name": name,
            "type": 3,
            "target_id": str(target_id),
            "resolved": {"messages": {str(target_id): message}},
        }
        return await self.dispatch(payload, expired=expired)

    async def press(
        self,
        message_id: int,
        actor: Actor = DEFAULT_ACTOR,
        *,
        label: str | None = None,
        custom_id: str | None = None,
        expired: bool = False,
    ) -> Exchange:
        """Press a button on a message the bot sent. Discord delivers components to anyone who
        can see the message: there is no permission gate here."""
        message = self.stand_in.messages[message_id]
        component = find_component(message, label=label, custom_id=custom_id, kind=2)
        return await self._component(message, component["custom_id"], 2, actor, None, expired)

    async def choose(
        self,
        message_id: int,
        values: list[str],
        actor: Actor = DEFAULT_ACTOR,
        *,
        custom_id: str | None = None,
        expired: bool = False,
    ) -> Exchange:
        message = self.stand_in.messages[message_id]
        component = find_component(message, custom_id=custom_id, kind=3)
        return await self._component(message, component["custom_id"], 3, actor, values, expired)

    async def _component(
        self,
        message: dict[str, Any],
        custom_id: str,
        component_type: int,
        actor: Actor,
        values: list[str] | None,
        expired: bool,
    ) -> Exchange:
        payload = interaction_base(actor, self.next_id(), INTERACTION_COMPONENT)
        payload["message"] = message
        payload["data"] = {"custom_id": custom_id, "component_type": component_type}
        if values is not None:
            payload["data"]["values"] = values
        return await self.dispatch(payload, expired=expired)

    async def submit(
        self,
        modal: dict[str, Any],
        values: dict[str, Any],
        actor: Actor = DEFAULT_ACTOR,
        *,
        expired: bool = False,
    ) -> Exchange:
        """Submit a modal the bot opened, filling inputs by their label or custom_id (a list of
        values for a select). Inputs not named keep their prefilled value. A modal a button
        opened carries that button's message, as Discord's does; a modal closes when it is
        submitted, so it can be submitted once."""
        if not is_modal(modal):
            raise ValueError("submit() takes the modal's data, e.g. exchange.modal")
        if str(modal["custom_id"]) not in self.stand_in.open_modals:
            # Submitting closes a modal; only one the bot opened and is still open can be sent.
            raise LookupError(f"modal {modal.get('title')!r} is not open (submitted already?)")
        self.stand_in.open_modals.discard(str(modal["custom_id"]))
        rows: list[dict[str, Any]] = []
        for row in modal.get("components", []):
            kind = row.get("type")
            if kind == 18 and row.get("component"):
                inner = _submitted(row["component"], values, row.get("label"))
                label_row: dict[str, Any] = {"type": 18, "component": inner}
                if "id" in row:
                    label_row["id"] = row["id"]
                rows.append(label_row)
            elif kind == 1:
                inputs = [
                    _submitted(c, values, None)
                    for c in walk_components(row.get("components") or [])
                    if c.get("type") == 4
                ]
                rows.append({"type": 1, "components": inputs})
        payload = interaction_base(actor, self.next_id(), INTERACTION_MODAL_SUBMIT)
        payload["data"] = {"custom_id": modal["custom_id"], "components": rows}
        source = self.stand_in.modal_sources.get(str(modal["custom_id"]))
        if source is not None and source in self.stand_in.messages:
            payload["message"] = self.stand_in.messages[source]
        return await self.dispatch(payload, expired=expired)

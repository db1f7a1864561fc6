import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/params.js';
import { Access } from './access.decorator.js';
import { CurrentUser, type Principal } from './principal.js';
import { CreateUserDto, UpdateUserDto } from './users.dto.js';
import { UsersService, type UserView } from './users.service.js';
import { UserResponse } from '../openapi/accounts.responses.js';

@ApiTags('users')
@Controller('api/users')
@Access('users.manage')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Users of your organisation' })
  @ApiOkResponse({ type: [UserResponse] })
  list(@CurrentUser() me: Principal): Promise<UserView[]> {
    return this.users.list(me);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user with a role and unit scope' })
  @ApiCreatedResponse({ type: UserResponse })
  create(@CurrentUser() me: Principal, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(me, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user' })
  @ApiOkResponse({ type: UserResponse })
  get(@CurrentUser() me: Principal, @IdParam() id: string): Promise<UserView> {
    return this.users.view(me, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, role, units, password; disable or enable' })
  @ApiOkResponse({ type: UserResponse })
  update(
    @CurrentUser() me: Principal,
    @IdParam() id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(me, id, dto);
  }
}

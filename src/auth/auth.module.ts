import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AccessGuard } from './access.guard.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { RouteTable } from './route-table.js';
import { ScopeService } from './scope.js';
import { SessionPruner } from './session-pruner.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** Users, sessions, the global access guard and the unit scope every service uses. */
@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    UsersService,
    ScopeService,
    RouteTable,
    SessionPruner,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, UsersService, ScopeService, RouteTable],
})
export class AuthModule {}
